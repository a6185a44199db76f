"""The alert banners across the top of the console (issue #4): the urgent banner, a
red row for every unacknowledged urgent ticket (R-URGENT-1/2) until someone, on any
console, acknowledges it; and the peak-plan banner (R-PEAK-1/2), who is not following
the plan yet.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from models.domain.alerts import Alert
from models.domain.floor import FloorState
from models.domain.types import AgentState, AwayReason
from views.agent_model import duration
from views.alerts.describe import (
    URGENT_RULES,
    agent_text,
    describe,
    escalation_reason,
    local_time,
    ticket_title,
)
from views.kit.texts import away_name, state_name
from views.theme import Theme

#: names listed in a banner before "and n more"
MAX_NAMES = 12


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(int(a.red() + (b.red() - a.red()) * t),
                  int(a.green() + (b.green() - a.green()) * t),
                  int(a.blue() + (b.blue() - a.blue()) * t))



class UrgentBanner(QFrame):
    """A red row across the top for every unacknowledged urgent alert (R-URGENT-1
    and its escalation R-URGENT-2), with its age and an Acknowledge button. It
    stays until the acknowledgement arrives through the feed — from this console
    or any other."""

    acknowledge_requested = Signal(str)

    def __init__(self, theme: Theme, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("urgentBanner")
        self.theme = theme
        self._now = now
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._rows: dict[str, tuple[QFrame, QLabel, QPushButton]] = {}
        self._alerts: list[Alert] = []
        self._state: FloorState | None = None
        self._allowed = False
        self._blocked = False
        self._pending: set[str] = set()
        self.hide()

    def alert_ids(self) -> list[str]:
        return [a.id for a in self._alerts]

    def button_for(self, alert_id: str) -> QPushButton | None:
        row = self._rows.get(alert_id)
        return row[2] if row else None

    def text_for(self, alert_id: str) -> str:
        row = self._rows.get(alert_id)
        return row[1].text() if row else ""

    def set_alerts(self, state: FloorState, *, allowed: bool, stale: bool,
                   pending: Iterable[str] = ()) -> None:
        self._state = state
        self._allowed = allowed
        self._blocked = stale
        self._pending = set(pending)
        self._alerts = sorted((a for a in state.alerts.values()
                               if a.rule in URGENT_RULES and not a.acknowledged),
                              key=lambda a: (a.raised_at, a.rule, a.id))
        want = [a.id for a in self._alerts]
        for aid in [k for k in self._rows if k not in want]:
            frame = self._rows.pop(aid)[0]
            self._layout.removeWidget(frame)
            frame.hide()
            frame.deleteLater()
        for i, a in enumerate(self._alerts):
            if a.id not in self._rows:
                self._rows[a.id] = self._make_row(a.id)
            self._layout.insertWidget(i, self._rows[a.id][0])
        self.refresh()
        self.setVisible(bool(self._alerts))

    def _make_row(self, alert_id: str) -> tuple[QFrame, QLabel, QPushButton]:
        frame = QFrame(self)
        frame.setObjectName("urgentRow")
        red, white = self.theme.over.name(), "#ffffff"
        frame.setStyleSheet(
            f"QFrame#urgentRow {{ background: {red}; border-radius: 3px; }}"
            f"QFrame#urgentRow QLabel {{ color: {white}; font-weight: bold; }}"
            f"QFrame#urgentRow QPushButton {{ background: {white}; color: {red}; "
            "font-weight: bold; padding: 3px 14px; border-radius: 3px; }"
            "QFrame#urgentRow QPushButton:disabled { color: #9e9e9e; }")
        row = QHBoxLayout(frame)
        row.setContentsMargins(10, 4, 6, 4)
        text = QLabel(frame)
        text.setObjectName("urgentText")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        button = QPushButton(frame)
        button.setObjectName("urgentAcknowledge")
        button.clicked.connect(lambda _=False, aid=alert_id: self.acknowledge_requested.emit(aid))
        row.addWidget(text, 1)
        row.addWidget(button)
        return frame, text, button

    def refresh(self) -> None:
        """Texts and ages (once a second, and when the alerts or the language change)."""
        now = self._now()
        for a in self._alerts:
            _frame, text, button = self._rows[a.id]
            age = duration((now - a.raised_at).total_seconds())
            agent = agent_text(a.agent, self._state)
            if a.rule == "R-URGENT-2":
                what = QCoreApplication.translate(
                    "UrgentBanner", "URGENT TICKET ESCALATED ({why})").format(
                        why=escalation_reason(a, self._state))
            else:
                what = QCoreApplication.translate("UrgentBanner", "URGENT TICKET")
            text.setText(QCoreApplication.translate(
                "UrgentBanner", "{what} · not acknowledged for {age} · {title} · {agent} · "
                                "raised {time}").format(
                    what=what, age=age, title=ticket_title(a, self._state),
                    agent=agent or "—", time=local_time(a.raised_at, self._state, now)))
            text.setToolTip(describe(a, self._state, now))
            button.setText(QCoreApplication.translate("UrgentBanner", "Acknowledge"))
            button.setVisible(self._allowed)
            button.setEnabled(not self._blocked and a.id not in self._pending)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(e)


def _names(ids: Sequence[str], state: FloorState, extra: Callable[[str], str]) -> str:
    shown = [html.escape(f"{agent_text(a, state)}{extra(a)}") for a in ids[:MAX_NAMES]]
    text = QCoreApplication.translate("Alerts", ", ").join(shown)
    if len(ids) > MAX_NAMES:
        text += QCoreApplication.translate("PeakBanner", " and {n} more").format(
            n=len(ids) - MAX_NAMES)
    return text


class PeakBanner(QLabel):
    """The peak plan in force (R-PEAK-1/2): its level, what it means, and who is not
    following it yet — still on short break or on callbacks (level 1), not taking
    calls (level 2: away for any reason; agents in after-call work are counted)."""

    def __init__(self, theme: Theme, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("peakBanner")
        self.theme = theme
        self._now = now
        self.level = 0
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._state: FloorState | None = None
        self.hide()

    def set_state(self, state: FloorState) -> None:
        self._state = state
        self.refresh()

    def refresh(self) -> None:
        s = self._state
        level = s.peak_level() if s is not None else 0
        if level != self.level:
            self.level = level
            self._style()
        if s is None or level <= 0:
            self.hide()
            return
        now = self._now()

        def since(aid: str) -> str:
            st = s.status.get(aid)
            return f" {duration((now - st.since).total_seconds())}" if st and st.since else ""

        def reason(aid: str) -> str:
            st = s.status.get(aid)
            r = away_name(st.reason) if st and st.reason else state_name(AgentState.AWAY)
            return f" ({r}{since(aid)})"

        waiting = s.peak_waiting
        if level == 1:
            head = QCoreApplication.translate(
                "PeakBanner", "Peak plan level 1 — {n} callers waiting").format(n=waiting)
            means = QCoreApplication.translate(
                "PeakBanner", "Callbacks stopped, short breaks suspended: agents on break "
                              "come back.")
            on_break = sorted(s.agents_in(AgentState.AWAY, AwayReason.SHORT_BREAK))
            callbacks = sorted(s.agents_in(AgentState.AWAY, AwayReason.CALLBACK))
            who = (QCoreApplication.translate("PeakBanner", "Still on short break: {names}")
                   .format(names=_names(on_break, s, since)) if on_break else
                   QCoreApplication.translate("PeakBanner", "Nobody is on short break."))
            if callbacks:
                who += "  " + QCoreApplication.translate(
                    "PeakBanner", "Still on callbacks: {names}").format(
                        names=_names(callbacks, s, since))
        else:
            head = QCoreApplication.translate(
                "PeakBanner", "Peak plan level 2, all hands — {n} callers waiting").format(
                    n=waiting)
            means = QCoreApplication.translate(
                "PeakBanner", "Shift leaders and every agent take calls.")
            away = sorted(s.agents_in(AgentState.AWAY))
            acw = len(s.agents_in(AgentState.AFTER_CALL))
            who = (QCoreApplication.translate("PeakBanner", "Not taking calls: {names}")
                   .format(names=_names(away, s, reason)) if away else
                   QCoreApplication.translate(
                       "PeakBanner", "Every logged-in agent is taking calls."))
            if acw:
                who += "  " + QCoreApplication.translate(
                    "PeakBanner", "In after-call work: {n}").format(n=acw)
        self.setText(f"<b>{html.escape(head)}</b>&nbsp;&nbsp;{html.escape(means)}<br>{who}")
        self.show()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._style()
        self.refresh()

    def _style(self) -> None:
        t = self.theme
        if self.level >= 2:
            bg, fg = t.over, QColor("#ffffff")
        else:
            bg, fg = _blend(t.window, t.amber, 0.25), t.text
        self.setStyleSheet(f"QLabel#peakBanner {{ background: {bg.name()}; color: {fg.name()}; "
                           f"border-left: 6px solid {t.amber.name()}; padding: 5px 8px; }}")

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(e)


